import { Injectable, type PipeTransform } from '@nestjs/common';
import { MAX_USER_ID_LENGTH } from '@scim/contracts';
import { ScimError } from '@scim/scim';

/**
 * The `{id}` of /Users/{id}. An id longer than any user's names no user: 404, as for any unknown id, without
 * a call that the services' contract would refuse.
 */
@Injectable()
export class UserIdPipe implements PipeTransform<string, string> {
  transform(id: string): string {
    if (id.length > MAX_USER_ID_LENGTH) throw new ScimError(404, undefined, 'User not found');
    return id;
  }
}
