import { DomainError } from '../common/domain-error';
import { Ref } from './permission';

/**
 * Refs that name no permission or group: DRF's field error for a related field (400), and a readable
 * message for the CLI.
 */
export class UnknownReferenceError extends DomainError {
  constructor(field: string, slug: string, refs: readonly Ref[]) {
    const messages = refs.map((r) =>
      typeof r === 'number'
        ? `Invalid pk "${r}" - object does not exist.`
        : `Object with ${slug}=${r} does not exist.`,
    );
    super('invalid_input', { [field]: messages });
    this.message = messages.join(' ');
  }
}
