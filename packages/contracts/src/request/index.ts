export * from './caller.js';
export * from './dates.js';
export * from './problem.js';
