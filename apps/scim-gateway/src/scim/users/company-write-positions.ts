import { Injectable } from '@nestjs/common';
import { compareLogPositions, parseLogPosition, type LogPositionText } from '@scim/contracts';

/**
 * The log position of the latest write this gateway made for each company. A search sends it as
 * `minPosition`, so a client that lists right after a write through this gateway sees its write
 * (reads by id are always current: they fold the user's stream).
 */
@Injectable()
export class CompanyWritePositions {
  private readonly latest = new Map<string, LogPositionText>();

  record(companyId: string, position: LogPositionText | null): void {
    if (position === null) return;
    const known = this.latest.get(companyId);
    if (!known || compareLogPositions(parseLogPosition(position), parseLogPosition(known)) > 0) {
      this.latest.set(companyId, position);
    }
  }

  latestFor(companyId: string): LogPositionText | undefined {
    return this.latest.get(companyId);
  }
}
