import { isURL, ValidateBy, type ValidationOptions } from '../../graphql/validators';

const HTTP_ONLY = { protocols: ['http', 'https'], require_tld: false };

/**
 * A link or image given as text that clients may put in `href` or `src`: an http(s) URL, a path
 * on this gateway (`/uploads/…`), or '' for none. Any other scheme (`javascript:`, `data:`,
 * `file:`, `ftp:`) is refused, so a profile cannot carry script to the people who open it.
 */
export function isWebUrl(value: unknown): boolean {
  return typeof value === 'string' && (value === '' || /^\/\S*$/.test(value) || isURL(value, HTTP_ONLY));
}

/** class-validator rule for isWebUrl; the message names the field. */
export function IsWebUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isWebUrl', validator: { validate: isWebUrl, defaultMessage: (args) => `${args?.property ?? 'value'} must be an http or https URL` } }, options);
}
