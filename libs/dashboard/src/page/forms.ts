
/** Recorded, but the server warns about it (e.g. a dose with no oximeter sending): shown in the warning style. */
export type RecordedWithWarning = { message: string; warning: true };

/**
 * Submits a form through `action` with its fields as strings; shows the outcome in the form's
 * [data-role=outcome] element. The form is reset only when the server accepted the command.
 */
export function handleForm(form: HTMLFormElement, action: (fields: Record<string, string>, idempotencyKey: string) => Promise<string | RecordedWithWarning | void>): void {
  const outcome = form.querySelector<HTMLElement>('[data-role=outcome]');
  // One key until the server accepts the command: pressing again after "server cannot be reached"
  // is then a retry the server recognises, not a second dose.
  let idempotencyKey = newIdempotencyKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    new FormData(form).forEach((value, key) => (fields[key] = String(value).trim()));
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    if (outcome) {
      outcome.textContent = 'Sending…';
      outcome.className = 'outcome';
    }
    let done: Promise<string | RecordedWithWarning | void>;
    try {
      done = action(fields, idempotencyKey);
    } catch (error) {
      done = Promise.reject(error);
    }
    done
      .then((message) => {
        idempotencyKey = newIdempotencyKey();
        form.reset();
        if (outcome) {
          const warning = typeof message === 'object';
          outcome.textContent = warning ? message.message : (message ?? 'Recorded.');
          outcome.className = warning ? 'outcome warning' : 'outcome ok';
          if (warning) outcome.setAttribute('role', 'alert');
          else outcome.removeAttribute('role');
        }
      })
      .catch((error: Error) => {
        if (outcome) {
          outcome.textContent = `Not recorded: ${error.message}`;
          outcome.className = 'outcome failed';
        }
      })
      .finally(() => {
        if (submit) submit.disabled = false;
      });
  });
}

/** 128 random bits as hex. Not crypto.randomUUID: browsers offer it only on HTTPS or localhost, and a clinic LAN may be plain HTTP. */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
