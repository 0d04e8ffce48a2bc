import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { EntityId } from '@scim/contracts';

/** A company id that is not even a UUID names no company: 404, exactly like an unknown one. */
@Injectable()
export class CompanyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!EntityId.safeParse(value).success) throw new NotFoundException('No such company');
    return value;
  }
}
