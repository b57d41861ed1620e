/** Placeholder until lib/findings' clustering lands with its own CLUSTER_RULES_VERSION. */
export const CLUSTER_RULES_VERSION = 1;
