export { registerTrackerExport } from './register';
export { testTrackerConnection, type ConnectionTestDeps } from './connection';
