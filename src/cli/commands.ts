import { API_KEY_COMMANDS } from './api-key-commands';
import { Command } from './command';
import { DJANGO_COMMANDS } from './django-commands';
import { KEY_COMMANDS } from './key-commands';
import { MAINTENANCE_COMMANDS } from './maintenance-commands';
import { MFA_COMMANDS } from './mfa-commands';
import { PERMISSION_COMMANDS } from './permission-commands';
import { SETTINGS_COMMANDS } from './settings-commands';
import { USER_COMMANDS } from './user-commands';

/** Every command, in the order `help` lists them. */
export const COMMANDS: Record<string, Command> = {
  ...USER_COMMANDS,
  ...MFA_COMMANDS,
  ...PERMISSION_COMMANDS,
  ...API_KEY_COMMANDS,
  ...MAINTENANCE_COMMANDS,
  ...DJANGO_COMMANDS,
  ...KEY_COMMANDS,
  ...SETTINGS_COMMANDS,
};
