/** DOM event the MAIN-world probe dispatches on window; its detail is a JSON string. */
export const PROBE_EVENT = 'studygroup:probe';
