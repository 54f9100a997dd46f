#!/usr/bin/env node
// Committed so that the bin exists before the first build (package managers link bins at install time); the
// server itself is the bundle the build writes. Node 22+ keeps compiled code between starts (a no-op on Node 20).
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/bundle/wolkvox-mcp.js');
