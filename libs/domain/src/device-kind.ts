export const DEVICE_KINDS = ['oximeter', 'bloodPressureCuff'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
