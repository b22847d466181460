/** A permission as Django's has_perm names it: `app_label.codename`. */
export interface Permission {
  id: number;
  name: string;
  appLabel: string;
  codename: string;
}

/** A group and the permissions (`app_label.codename`, sorted) it grants. */
export interface Group {
  id: number;
  name: string;
  permissions: string[];
}

/** `app_label.codename` of a permission. */
export const permissionKey = (p: Pick<Permission, 'appLabel' | 'codename'>): string =>
  `${p.appLabel}.${p.codename}`;

/** A reference given by a client or the CLI: an id, or a natural key (`app.codename`, a group name). */
export type Ref = number | string;
