import { defaultRuleSet, evaluate, initialEngineState, parseRuleSet, type EngineInput, type EngineOutput, type EngineState, type RuleSet } from '@vigil/rules';
import {
  createSimulatedPatient,
  demoScenario,
  DESATURATION_SHAPE,
  motionArtefactAt,
  readingsForSecond,
  sensorOffAt,
  SURGE_SHAPE,
  type SimulatedPatient,
} from '@vigil/simulator';

// Issue 16: the simulator's 2-hour seeded cohorts (`--demo` scenarios, seeds 1-3, 32 sessions
// each: 192 session-hours) through the alert engine. Prints, per rule set, the physiological
// alarms raised outside any injected event (artefacts alone: must be none), and for every injected
// desaturation and hypertensive surge whether it was detected and how long after its onset and
// after its first breaching reading. `node dist/bench/cohort-alarms.js [--seconds 7200]`.
// With --compare, the same cohorts also run without the gap rule (maxGapSeconds 1 day), to show
// what the gap rule removes. No timing is measured: the figures are alarm counts and latencies.

const SEEDS = [1, 2, 3];
const SESSIONS = 32;
const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1] ?? 7200) || 7200;
const T0 = Date.parse('2026-11-29T08:00:00.000Z');
const iso = (second: number) => new Date(T0 + second * 1000).toISOString();

type Detection = { patient: string; event: 'desaturation' | 'surge'; ruleId?: string; fromOnsetS?: number; fromFirstBreachS?: number };

function inputsFor(patient: SimulatedPatient, sessionId: string): EngineInput[] {
  const inputs: EngineInput[] = [
    { type: 'SessionStarted', sessionId, at: iso(0), data: {} },
    { type: 'DeviceBound', sessionId, at: iso(0), data: { deviceId: patient.oximeterId, deviceKind: 'oximeter' } },
    { type: 'DeviceBound', sessionId, at: iso(0), data: { deviceId: patient.cuffId, deviceKind: 'bloodPressureCuff' } },
  ];
  const dose = { route: patient.profile.route, doseMg: patient.profile.doseMg };
  // A dose given before the start is recorded at the start with its stated time, as the simulator does.
  if (patient.doseOffsetSeconds >= 0) inputs.push({ type: 'DoseAdministered', sessionId, at: iso(0), data: { ...dose, administeredAt: iso(-patient.doseOffsetSeconds) } });
  const doseSecond = patient.doseOffsetSeconds < 0 ? -patient.doseOffsetSeconds : undefined;
  for (let second = 0; second < SECONDS; second++) {
    if (second === doseSecond) inputs.push({ type: 'DoseAdministered', sessionId, at: iso(second), data: dose });
    for (const reading of readingsForSecond(patient, second)) {
      if (reading.kind === 'oximetry') {
        inputs.push({ type: 'OximetryObserved', sessionId, at: iso(second), data: { deviceId: patient.oximeterId, spo2: reading.spo2, pulseRate: reading.pulseRate, sensorOff: reading.sensorOff !== null } });
      } else {
        inputs.push({ type: 'BloodPressureObserved', sessionId, at: iso(second), data: { deviceId: patient.cuffId, systolic: reading.systolic, diastolic: reading.diastolic } });
      }
    }
  }
  inputs.push({ type: 'Tick', at: iso(SECONDS) });
  return inputs;
}

const OXIMETRY_RULES = new Set(['spo2-low', 'spo2-critical', 'pr-high', 'pr-critical-high', 'pr-low', 'pr-critical-low']);
const secondOf = (at: string) => (Date.parse(at) - T0) / 1000;

function runCohort(ruleSet: RuleSet) {
  const artefactAlarms: string[] = [];
  const bloodPressureAlarms: Record<string, number> = {};
  const technical: Record<string, number> = {};
  const detections: Detection[] = [];
  for (const seed of SEEDS) {
    const scenarios = demoScenario(SESSIONS);
    for (let number = 1; number <= SESSIONS; number++) {
      const patient = createSimulatedPatient(seed, number, scenarios[number - 1]);
      const sessionId = `s${seed}-${number}`;
      let state: EngineState = initialEngineState();
      const outputs: EngineOutput[] = [];
      for (const input of inputsFor(patient, sessionId)) {
        const result = evaluate(state, input, ruleSet);
        state = result.state;
        outputs.push(...result.outputs);
      }
      const raised = outputs.filter((output) => output.type === 'AlertRaised');
      const inEvent = (second: number, event: { startSecond: number } | undefined, length: number) => event !== undefined && second >= event.startSecond && second < event.startSecond + length + 60;
      for (const alarm of raised) {
        const second = secondOf(alarm.at);
        const { ruleId, kind } = alarm.data;
        if (kind === 'technical') {
          technical[ruleId] = (technical[ruleId] ?? 0) + 1;
          continue;
        }
        if (OXIMETRY_RULES.has(ruleId)) {
          if (inEvent(second, patient.desaturation, DESATURATION_SHAPE.riseSeconds + DESATURATION_SHAPE.plateauSeconds + DESATURATION_SHAPE.returnSeconds)) continue;
          let cause = 'no artefact in the 2 min before';
          for (let s = second; s >= Math.max(0, second - 120); s--) {
            if (sensorOffAt(seed, number, s)) cause = `sensor off at ${s} s`;
            else if (motionArtefactAt(seed, number, s)) cause = `motion artefact at ${s} s`;
            if (cause !== 'no artefact in the 2 min before') break;
          }
          artefactAlarms.push(`seed ${seed} patient ${number}: ${ruleId} (${alarm.data.priority}) at ${second} s, ${alarm.data.measure} ${alarm.data.value}; ${cause}`);
        } else {
          bloodPressureAlarms[ruleId] = (bloodPressureAlarms[ruleId] ?? 0) + 1;
        }
      }
      // Each rule that fired for the event, timed from the event's onset and from the first reading
      // that breached that rule's own threshold (the condition delay runs from there).
      const detect = (event: 'desaturation' | 'surge', onset: number, rules: string[], measures: string[]) => {
        const alarms = rules.map((ruleId) => raised.find((output) => output.data.ruleId === ruleId && secondOf(output.at) >= onset));
        if (alarms.every((alarm) => alarm === undefined)) detections.push({ patient: `seed ${seed} patient ${number}`, event });
        for (const alarm of alarms) {
          if (alarm === undefined) continue;
          const { threshold, comparison } = alarm.data;
          const breaches = (value: unknown) => typeof value === 'number' && (comparison === '<' ? value < threshold : value >= threshold);
          const firstBreach = inputsFor(patient, sessionId).find((input) => input.type !== 'Tick' && secondOf(input.at) >= onset && measures.some((measure) => breaches(input.data[measure])));
          detections.push({
            patient: `seed ${seed} patient ${number}`,
            event,
            ruleId: alarm.data.ruleId,
            fromOnsetS: secondOf(alarm.at) - onset,
            ...(firstBreach && { fromFirstBreachS: secondOf(alarm.at) - secondOf(firstBreach.at) }),
          });
        }
      };
      if (patient.desaturation) {
        detect('desaturation', patient.desaturation.startSecond, ['spo2-low', 'spo2-critical'], ['spo2']);
      }
      if (patient.surge) {
        detect('surge', patient.surge.startSecond, ['bp-critical', 'bp-high'], ['systolic', 'diastolic']);
      }
    }
  }
  return { artefactAlarms, bloodPressureAlarms, technical, detections };
}

function print(label: string, ruleSet: RuleSet): void {
  const { artefactAlarms, bloodPressureAlarms, technical, detections } = runCohort(ruleSet);
  const hours = (SEEDS.length * SESSIONS * SECONDS) / 3600;
  console.log(`\n== ${label}: ${SEEDS.length} seeds x ${SESSIONS} sessions x ${SECONDS} s = ${hours} session-hours`);
  console.log(`physiological oximetry alarms outside injected events (artefacts alone): ${artefactAlarms.length}`);
  for (const line of artefactAlarms) console.log(`  ${line}`);
  console.log(`blood-pressure alarms (ketamine response and surges): ${JSON.stringify(bloodPressureAlarms)}`);
  console.log(`technical alarms: ${JSON.stringify(technical)}`);
  const events = new Set(detections.map((d) => `${d.patient} ${d.event}`));
  const missed = detections.filter((d) => d.ruleId === undefined);
  console.log(`injected events detected: ${events.size - missed.length} of ${events.size}`);
  for (const d of detections) {
    console.log(
      d.ruleId === undefined
        ? `  ${d.patient} ${d.event}: NOT DETECTED`
        : `  ${d.patient} ${d.event}: ${d.ruleId} ${d.fromOnsetS} s after onset, ${d.fromFirstBreachS ?? '?'} s after the first reading beyond its threshold`,
    );
  }
}

print(`rule set ${defaultRuleSet.name}@${defaultRuleSet.version}`, defaultRuleSet);
if (args.includes('--compare')) {
  const json = JSON.parse(JSON.stringify(defaultRuleSet));
  json.alarmPolicy.maxGapSeconds = 86_400;
  print('the same without the gap rule (maxGapSeconds 86400)', parseRuleSet(json));
}
