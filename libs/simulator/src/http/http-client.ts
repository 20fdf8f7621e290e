// The simulator's one door to the network, injected so that tests can fake the server.

export type HttpRequest = {
  method: 'POST';
  url: string;
  headers?: Readonly<Record<string, string>>;
  body: unknown;
};

/** `body` is the parsed JSON answer, or the raw text when the answer is not JSON, or null. */
export type HttpResponse = { status: number; body: unknown };

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** The request never got an HTTP answer (refused connection, DNS failure, timeout). */
export class HttpTransportError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`No answer from ${url}: ${reason}`, options);
    this.name = 'HttpTransportError';
  }
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici wraps the useful part (ECONNREFUSED …) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** An HttpClient over Node's global fetch, JSON in and out, with a per-request timeout. */
export function fetchHttpClient(options: { timeoutMs: number } = { timeoutMs: 10_000 }): HttpClient {
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new HttpTransportError(request.url, describeCause(error), { cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new HttpTransportError(request.url, `answer cut off: ${describeCause(error)}`, { cause: error });
    }
    return { status: response.status, body: parseBody(text) };
  };
}

function parseBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`;
