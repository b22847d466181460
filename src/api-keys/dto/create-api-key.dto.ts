import { CharField, RefListField } from '../../common/serializer-fields';

/** POST /api/keys/. */
export class CreateApiKeyDto {
  @CharField({ trim: true, maxLength: 100, example: 'nightly-export' })
  name: string;

  @CharField({
    format: 'password',
    example: 'correct horse battery staple',
    description: 'Your current password, asked again; used exactly as sent',
  })
  password: string;

  @CharField({
    trim: true,
    required: false,
    maxLength: 64,
    format: 'date-time',
    description:
      'When the key stops working (ISO 8601 with a time zone), at most API_KEY_MAX_LIFETIME away (365 days ' +
      'by default); absent: API_KEY_DEFAULT_LIFETIME from now (90 days by default)',
    example: '2027-01-31T00:00:00Z',
  })
  expires_at?: string;

  @RefListField({
    slug: 'codename',
    maxItems: 100,
    description:
      'At most these permissions (`app_label.codename`, each one you hold); absent: whatever you hold, ' +
      'as it changes; `[]`: none (authenticated routes without a rule only)',
    example: ['auth.view_user'],
  })
  permissions?: (number | string)[];
}
