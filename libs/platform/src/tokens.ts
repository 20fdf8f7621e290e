export const EVENT_STORE = Symbol('EventStore');
export const VIGIL_CONFIG = Symbol('VigilConfig');
