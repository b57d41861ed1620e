// What the extension's contexts and domains agree on: record and entity
// types, the message protocol, file formats. Imports no domain.
export * from './annotations';
export * from './element-identity';
export type * from './findings';
export type * from './trackers';
export * from './formats';
export * from './page-channel';
export * from './protocol';
export * from './rrweb';
export type * from './records';
export type * from './studies';
export * from './tasks';
