import type { Command } from 'commander';
import { BleDecodeError, CHARACTERISTICS, decodeWireValue, UnknownCharacteristicError } from '@vigil/ble';

/**
 * `vigil decode <type> <hex>` and `vigil decode -`: turns a GATT value as a gateway forwards it
 * into one JSON object, so a vendor or an engineer on call can check a capture without Vigil
 * running. All decoding lives in @vigil/ble; this file only handles arguments, streams and exit
 * codes.
 */

/** Exit codes, documented in the command's help text. */
export const DECODE_EXIT_CODES = {
  /** Every value decoded. */
  ok: 0,
  /** The value (or, with `-`, at least one line) could not be decoded; the reason is printed. */
  decodeFailed: 1,
  /** `-` was given but standard input could not be read. */
  stdinUnreadable: 2,
} as const;

export type DecodeExitCode = (typeof DECODE_EXIT_CODES)[keyof typeof DECODE_EXIT_CODES];

/** Where the command reads and writes, injectable so tests need no real process streams. */
export interface DecodeStreams {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const READ_STDIN = '-';

const TYPE_HELP = `sfloat, float, or a characteristic UUID: 2A5F, 0x2A5F or 00002a5f-0000-1000-8000-00805f9b34fb; "-" reads lines "<type> <hex>" from stdin`;

const HEX_HELP = 'the value as sent on the wire (LSB first); spaces, ":" or "-" may separate bytes';

function helpText(): string {
  const characteristics = Object.entries(CHARACTERISTICS)
    .map(([id, { name }]) => `  ${id}  ${name}`)
    .join('\n');
  return `
Characteristics:
${characteristics}

Output: one JSON object per value on stdout. A field whose SFLOAT holds a special value is null,
with a sibling "<field>Special" naming it ("NaN", "NRes", "+INFINITY", "-INFINITY", "Reserved").

Exit codes: ${DECODE_EXIT_CODES.ok} decoded; ${DECODE_EXIT_CODES.decodeFailed} a value (with "-": any line) could not be decoded;
${DECODE_EXIT_CODES.stdinUnreadable} standard input could not be read. With "-", a bad line prints {"error": "line N: …"} and
decoding continues; blank lines are skipped.

Examples:
  $ vigil decode sfloat 65f0
  $ vigil decode 2A5F 1c5f005a00200000000057f0
  $ vigil decode 0x2A35 15 bd f0 0b 00 9f f0 3c 00 12 00
  $ printf '2A37 1e5532002100\\nsfloat ff07\\n' | vigil decode -`;
}

export function registerDecodeCommand(program: Command): void {
  program
    .command('decode')
    .summary('decode a BLE vital-sign GATT value or an IEEE 11073 SFLOAT/FLOAT to JSON')
    .description('Decode a BLE GATT characteristic value (pulse oximeter, blood pressure, heart rate) or an IEEE 11073 number to JSON.')
    .argument('<type>', TYPE_HELP)
    .argument('[hex...]', HEX_HELP)
    .addHelpText('after', helpText())
    .action(async (type: string, hexParts: string[], _options: unknown, command: Command) => {
      const streams: DecodeStreams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
      let exitCode: DecodeExitCode;
      if (type === READ_STDIN) {
        if (hexParts.length > 0) command.error(`error: "${READ_STDIN}" reads "<type> <hex>" lines from stdin and takes no <hex>`);
        exitCode = await decodeLines(streams.stdin, streams);
      } else {
        if (hexParts.length === 0) command.error("error: missing required argument 'hex'");
        exitCode = decodeOne(type, hexParts.join(' '), streams);
      }
      // Set, not process.exit(): the root program uses exitOverride() and output must flush first.
      if (exitCode !== DECODE_EXIT_CODES.ok) process.exitCode = exitCode;
    });
}

/** Decodes one value: its JSON on stdout, or the reason on stderr. */
export function decodeOne(type: string, hex: string, streams: Pick<DecodeStreams, 'stdout' | 'stderr'>): DecodeExitCode {
  try {
    streams.stdout.write(`${JSON.stringify(decodeWireValue(type, hex))}\n`);
    return DECODE_EXIT_CODES.ok;
  } catch (error) {
    streams.stderr.write(`vigil decode: ${expectedFailureMessage(error)}\n`);
    return DECODE_EXIT_CODES.decodeFailed;
  }
}

/**
 * Decodes `<type> <hex>` lines, as a gateway log holds them, one JSON object per non-blank line.
 * A line that fails gives `{"error": "line N: …"}` and the rest still decode.
 */
export async function decodeLines(input: AsyncIterable<string | Uint8Array>, streams: Pick<DecodeStreams, 'stdout' | 'stderr'>): Promise<DecodeExitCode> {
  let anyFailed = false;
  let lineNumber = 0;
  try {
    for await (const line of splitLines(input)) {
      lineNumber++;
      const text = line.trim();
      if (text === '') continue;
      const output = decodeLine(text);
      if ('error' in output) {
        anyFailed = true;
        streams.stdout.write(`${JSON.stringify({ error: `line ${lineNumber}: ${output.error}` })}\n`);
      } else {
        streams.stdout.write(`${JSON.stringify(output.decoded)}\n`);
      }
    }
  } catch (error) {
    streams.stderr.write(`vigil decode: cannot read standard input: ${error instanceof Error ? error.message : String(error)}\n`);
    return DECODE_EXIT_CODES.stdinUnreadable;
  }
  return anyFailed ? DECODE_EXIT_CODES.decodeFailed : DECODE_EXIT_CODES.ok;
}

function decodeLine(text: string): { decoded: unknown } | { error: string } {
  const separator = text.search(/\s/);
  if (separator < 0) return { error: `expected "<type> <hex>", got ${JSON.stringify(text)}` };
  try {
    return { decoded: decodeWireValue(text.slice(0, separator), text.slice(separator + 1)) };
  } catch (error) {
    return { error: expectedFailureMessage(error) };
  }
}

/**
 * The message of an error that bad input can cause. Anything else is a bug in Vigil and is
 * rethrown, so it surfaces instead of being printed as if the input were at fault.
 */
function expectedFailureMessage(error: unknown): string {
  if (error instanceof BleDecodeError || error instanceof UnknownCharacteristicError) return error.message;
  throw error;
}

/** Splits a byte or text stream into lines (LF or CRLF; the CR is trimmed by the caller). */
async function* splitLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    yield* lines;
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}
