export { loadConfig, describeConfig, envName, type Env } from './load-config.ts';
export { commonConfigProperties } from './common-config.ts';
