/**
 * The server's time as seen from this page. Ages and "is it sending" are judged against the server
 * clock (readings' receivedAt is server time), so a laptop whose clock is off by a minute does not
 * call every device silent. Each message carries serverTime; the offset follows it smoothly.
 */
export class ServerClock {
  private offsetMs: number | undefined;

  observe(serverTime: string): void {
    const sample = Date.parse(serverTime) - Date.now();
    if (Number.isNaN(sample)) return;
    this.offsetMs = this.offsetMs === undefined ? sample : this.offsetMs * 0.8 + sample * 0.2;
  }

  now(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }
}
