import { loadConfiguration } from '../config/configuration';
import { effectiveSettings } from '../config/settings-reference';
import { Command } from './command';

/** The configuration as this process sees it: no database needed. */
export const SETTINGS_COMMANDS: Record<string, Command> = {
  settings: {
    summary: 'print every setting with its effective value (secrets masked) and whether it is a default',
    notes: [
      'Values come from the environment and .env, as the server would read them now.',
      'Every setting is described in docs/configuration.md.',
    ],
    offline(_args, io, _config, env) {
      for (const line of effectiveSettings(env)) io.out(line);
      loadConfiguration(env); // an invalid configuration: its ConfigError, exit 1
      return Promise.resolve();
    },
  },
};
