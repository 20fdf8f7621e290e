import type { OutgoingMessage } from './message-bus.port';

/** The same checks in every adapter, before anything reaches a broker: a bad message is the caller's bug. */
export function validateMessages(topic: string, messages: readonly OutgoingMessage[]): void {
  messages.forEach((message, index) => {
    if (typeof message.key !== 'string' || message.key.length === 0) {
      throw new TypeError(`publish to topic "${topic}": message ${index} has no key (a session id, or a device id for an unassigned reading)`);
    }
    if (typeof message.value !== 'string') {
      throw new TypeError(`publish to topic "${topic}": message ${index} (key "${message.key}") has a value that is not a string`);
    }
  });
}
