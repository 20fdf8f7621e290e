import { byId } from './dom';

export type SignedInStaff = { username: string; roles: string[]; expiresAt: string };

/**
 * The page's sign-in screen (docs/security.md, "The page"). The session lives in an HttpOnly cookie
 * the server sets, so the page never holds a token: it asks who is signed in, and nothing else of
 * the page (no socket, no patient data) starts before the answer is a person.
 */
export async function signedInStaff(): Promise<SignedInStaff | undefined> {
  try {
    const response = await fetch('/api/v1/auth/session', { headers: { accept: 'application/json' } });
    return response.ok ? ((await response.json()) as SignedInStaff) : undefined;
  } catch {
    return undefined;
  }
}

/** Shows the sign-in screen; a running page reloads first, so nothing of the last session stays on screen. */
export function showSignInScreen(): void {
  if (!byId('app').hidden) {
    location.reload();
    return;
  }
  const screen = byId('sign-in-screen');
  screen.hidden = false;
  const form = byId<HTMLFormElement>('sign-in-form');
  const outcome = form.querySelector<HTMLElement>('[data-role=outcome]')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    outcome.textContent = 'Signing in…';
    void fetch('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: String(fields.get('username') ?? '').trim(), password: String(fields.get('password') ?? '') }),
    })
      .then((response) => {
        if (response.ok) return location.reload();
        outcome.textContent = response.status === 401 ? 'Wrong username or password, or the account is disabled.' : `The server answered ${response.status}; try again.`;
      })
      .catch(() => (outcome.textContent = 'The server cannot be reached; try again.'));
  });
  form.querySelector<HTMLInputElement>('input[name=username]')?.focus();
}

export function setUpSignOut(): void {
  byId('sign-out').addEventListener('click', () => {
    void fetch('/api/v1/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).finally(() => location.reload());
  });
}
