import { SystemConditions, type SystemCondition } from './system-conditions';

const delayed = (lagSeconds: number, since: string): SystemCondition => ({ code: 'monitoring-delayed', lagSeconds, boundSeconds: 2, message: `monitoring delayed by ${lagSeconds} s`, since });

describe('the monitor’s own conditions', () => {
  it('tells listeners of each change and of the end, keeping when a condition began', () => {
    const conditions = new SystemConditions();
    const heard: (readonly SystemCondition[])[] = [];
    conditions.listen((list) => heard.push(list));
    conditions.set('monitoring-delayed', delayed(3, 't1'));
    conditions.set('monitoring-delayed', delayed(3, 't2')); // no news
    conditions.set('monitoring-delayed', delayed(5, 't3'));
    conditions.set('monitoring-delayed', undefined);
    conditions.set('monitoring-delayed', undefined); // no news
    expect(heard).toEqual([[delayed(3, 't1')], [delayed(5, 't1')], []]);
  });

  it('asks a probe on every read, so a condition that ended is not reported stale', () => {
    const conditions = new SystemConditions();
    let starting = true;
    conditions.probe('starting', () => starting);
    conditions.set('starting', { code: 'starting', message: 'starting', since: 't0' });
    expect(conditions.get('starting')).toBeDefined();
    starting = false;
    expect(conditions.get('starting')).toBeUndefined();
    expect(conditions.list()).toEqual([]);
  });
});
