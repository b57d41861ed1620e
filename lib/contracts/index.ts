// What the extension's contexts and domains agree on. Imports nothing.
export * from './formats';
