#!/usr/bin/env node
// Committed so that the bin exists before the first build (package managers link bins at install time);
// the emulator itself is the bundle the build writes.
import '../dist/bundle/wolkvox-mock.js';
