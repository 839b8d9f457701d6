#!/usr/bin/env node
// SimFill runs its TypeScript sources through tsx: no build step between a clone and `simfill start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
