import { startRuntime, createLogger } from './src/runtime.js';
import { loadConfig } from './src/config.js';
const config = loadConfig(process.env);
const rt = await startRuntime({ role: 'api', config, logger: createLogger(config) });
process.on('SIGINT', () => void rt.stop().then(() => process.exit(0)));
