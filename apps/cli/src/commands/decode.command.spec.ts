import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { DECODE_EXIT_CODES, decodeLines, decodeOne, registerDecodeCommand } from './decode.command';

/** Collects what the command writes. */
function captureStreams() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    streams: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } },
    stdoutLines: () => out.join('').split('\n').filter((line) => line !== ''),
    stderr: () => err.join(''),
  };
}

async function* chunks(...parts: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

describe('decodeOne', () => {
  it('prints one JSON object and succeeds', () => {
    const io = captureStreams();
    expect(decodeOne('0x2A5F', '1c5f005a00200000000057f0', io.streams)).toBe(DECODE_EXIT_CODES.ok);
    expect(io.stdoutLines().map((line) => JSON.parse(line))).toEqual([
      {
        characteristic: '0x2A5F',
        name: 'PLX Continuous Measurement',
        spo2: 95,
        pulseRate: 90,
        measurementStatus: { raw: 32, measurementOngoing: true },
        deviceAndSensorStatus: { raw: 0 },
        pulseAmplitudeIndex: 8.7,
      },
    ]);
    expect(io.stderr()).toBe('');
  });

  it.each([
    ['sfloat', '0008', { value: null, special: 'NRes' }],
    ['float', '87d612fe', { value: 12345.67 }],
    ['00002a37-0000-1000-8000-00805f9b34fb', '0048', { characteristic: '0x2A37', name: 'Heart Rate Measurement', heartRate: 72, sensorContact: 'notSupported' }],
  ])('decodes %s %s', (type, hex, expected) => {
    const io = captureStreams();
    expect(decodeOne(type, hex, io.streams)).toBe(DECODE_EXIT_CODES.ok);
    expect(JSON.parse(io.stdoutLines()[0] ?? 'null')).toEqual(expected);
  });

  it.each([
    ['2A5F', '04620048 0020', 'flags 0x04 (bit 2 set) require Measurement Status at offset 5 (2 bytes), but only 1 byte remains'],
    ['2A5F', '0062004', 'odd number of hex digits'],
    ['2A18', '00', 'no decoder for 0x2A18'],
    ['sfloat', '65f000', 'SFLOAT needs exactly 2 bytes'],
  ])('prints the reason for %s %s on stderr and fails', (type, hex, reason) => {
    const io = captureStreams();
    expect(decodeOne(type, hex, io.streams)).toBe(DECODE_EXIT_CODES.decodeFailed);
    expect(io.stdoutLines()).toEqual([]);
    expect(io.stderr()).toMatch(/^vigil decode: /);
    expect(io.stderr()).toContain(reason);
  });
});

describe('decodeLines', () => {
  it('prints one object per non-blank line and succeeds when all decode', async () => {
    const io = captureStreams();
    const code = await decodeLines(chunks('2A37 1e5532002100\n\n   \nsfloat ff07\r\n0x2A35 00 bd f0 0b 00 9f f0'), io.streams);
    expect(code).toBe(DECODE_EXIT_CODES.ok);
    expect(io.stdoutLines().map((line) => JSON.parse(line))).toEqual([
      { characteristic: '0x2A37', name: 'Heart Rate Measurement', heartRate: 85, sensorContact: 'supportedDetected', energyExpended: 50, rrIntervals: [33] },
      { value: null, special: 'NaN' },
      { characteristic: '0x2A35', name: 'Blood Pressure Measurement', unit: 'mmHg', systolic: 18.9, diastolic: 11, meanArterialPressure: 15.9 },
    ]);
  });

  it('reports a bad line as {"error"} with its line number, keeps going, and fails at the end', async () => {
    const io = captureStreams();
    const code = await decodeLines(chunks('sfloat 65f0\nbogus\n\n2A5F 006200\nsfloat 6cf1\n'), io.streams);
    expect(code).toBe(DECODE_EXIT_CODES.decodeFailed);
    const lines = io.stdoutLines().map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ value: 10.1 });
    expect(lines[1]).toEqual({ error: 'line 2: expected "<type> <hex>", got "bogus"' });
    expect(lines[2]).toEqual({
      error: 'line 4: PLX Continuous Measurement (0x2A5F): SpO2PR-Normal PR is required at offset 3 (2 bytes), but only 0 bytes remain',
    });
    expect(lines[3]).toEqual({ value: 36.4 });
    expect(io.stderr()).toBe('');
  });

  it('reassembles lines and UTF-8 split across chunks', async () => {
    const io = captureStreams();
    const bytes = new TextEncoder().encode('sfloat 65f0\nsfl\u00f6at 00\n');
    const splitInsideO = bytes.indexOf(0xc3) + 1;
    const code = await decodeLines(chunks(bytes.slice(0, 4), bytes.slice(4, splitInsideO), bytes.slice(splitInsideO)), io.streams);
    expect(code).toBe(DECODE_EXIT_CODES.decodeFailed);
    expect(io.stdoutLines()[0]).toBe('{"value":10.1}');
    expect(io.stdoutLines()[1]).toContain('unknown characteristic \\"sflöat\\"');
  });

  it('succeeds on empty input', async () => {
    const io = captureStreams();
    expect(await decodeLines(chunks(), io.streams)).toBe(DECODE_EXIT_CODES.ok);
    expect(io.stdoutLines()).toEqual([]);
  });

  it('exits 2 when standard input cannot be read', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'sfloat 65f0\n';
      throw new Error('EIO: i/o error, read');
    }
    const io = captureStreams();
    expect(await decodeLines(failing(), io.streams)).toBe(DECODE_EXIT_CODES.stdinUnreadable);
    expect(io.stdoutLines()).toEqual(['{"value":10.1}']);
    expect(io.stderr()).toBe('vigil decode: cannot read standard input: EIO: i/o error, read\n');
  });
});

describe('vigil decode (commander wiring)', () => {
  let written: string[];
  let commanderErrors: string[];
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin');

  beforeEach(() => {
    written = [];
    commanderErrors = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
      written.push(String(text));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((text: string | Uint8Array) => {
      written.push(`stderr:${String(text)}`);
      return true;
    });
    process.exitCode = undefined;
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor);
  });

  function program(): Command {
    const root = new Command('vigil')
      .exitOverride()
      .configureOutput({ writeErr: (text) => commanderErrors.push(text), writeOut: (text) => commanderErrors.push(text) });
    registerDecodeCommand(root);
    return root;
  }

  it('decodes the arguments, joining hex given as several arguments', async () => {
    await program().parseAsync(['decode', '0x2A35', '15', 'bd', 'f0', '0b', '00', '9f', 'f0', '3c', '00', '12', '00'], { from: 'user' });
    expect(JSON.parse(written.join(''))).toMatchObject({ characteristic: '0x2A35', unit: 'kPa', systolic: 18.9, pulseRate: 60 });
    expect(process.exitCode).toBeUndefined();
  });

  it('sets exit code 1 and writes the reason to stderr when decoding fails', async () => {
    await program().parseAsync(['decode', 'sfloat', 'xyz0'], { from: 'user' });
    expect(written).toEqual(['stderr:vigil decode: invalid hex "xyz0": "x" is not a hex digit\n']);
    expect(process.exitCode).toBe(1);
  });

  it('reads lines from stdin with "-"', async () => {
    Object.defineProperty(process, 'stdin', { value: Readable.from(['2A37 0048\n', 'sfloat 0108\n']), configurable: true });
    await program().parseAsync(['decode', '-'], { from: 'user' });
    expect(written.join('')).toBe(
      '{"characteristic":"0x2A37","name":"Heart Rate Measurement","heartRate":72,"sensorContact":"notSupported"}\n{"value":null,"special":"Reserved"}\n',
    );
    expect(process.exitCode).toBeUndefined();
  });

  it('is a usage error to give hex with "-" or no hex at all', async () => {
    await expect(program().parseAsync(['decode', '-', '00'], { from: 'user' })).rejects.toThrow(CommanderError);
    await expect(program().parseAsync(['decode', '2A5F'], { from: 'user' })).rejects.toThrow(CommanderError);
    expect(commanderErrors.join('')).toContain("missing required argument 'hex'");
    expect(written).toEqual([]);
  });
});
