/**
 * The embedded tenant's seed users. The tenant seeds them and the config falls back to them when
 * no live tenant is configured, so both sides agree without either retyping the other.
 * `tje0` / `Tje0` is the documentation's own sample (`Basic dGplMDpUamUw`).
 */
export interface EmbeddedUser {
  readonly associateId: number;
  readonly personId: number;
  readonly username: string;
  readonly password: string;
  readonly ticket: string;
  readonly token: string;
  /** Value of the XSRF-TOKEN cookie a logged-in browser of this user holds (AUTH-XSRF). */
  readonly xsrfToken: string;
  readonly fullName: string;
}

export const embeddedUsers: readonly EmbeddedUser[] = Object.freeze([
  {
    associateId: 5,
    personId: 105,
    username: 'tje0',
    password: 'Tje0',
    ticket: '7T:dGplMA==',
    token: 'tje0-bearer-token',
    xsrfToken: 'xsrf-tje0',
    fullName: 'Tje Zero',
  },
  {
    associateId: 6,
    personId: 106,
    username: 'ola',
    password: 'Ola0',
    ticket: '7T:b2xh',
    token: 'ola-bearer-token',
    xsrfToken: 'xsrf-ola',
    fullName: 'Ola Nordmann',
  },
  {
    associateId: 7,
    personId: 107,
    username: 'kari',
    password: 'Kari0',
    ticket: '7T:a2FyaQ==',
    token: 'kari-bearer-token',
    xsrfToken: 'xsrf-kari',
    fullName: 'Kari Nordmann',
  },
]);
