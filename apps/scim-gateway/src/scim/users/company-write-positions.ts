import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { compareLogPositions, CompanyUserWriteNotice, parseLogPosition, type LogPositionText, type RequestContext } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';

/**
 * The log position of the latest user write for each company, made through this gateway or announced by
 * another one (CompanyUserWriteNotice). Reads send it as `minPosition`, so a client that reads right after
 * a write sees it, even when a load balancer sends the read to another gateway: the notice travels one NATS
 * hop while the client's next request needs a full HTTP round trip.
 */
@Injectable()
export class CompanyWritePositions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly latest = new Map<string, LogPositionText>();
  private stopListening: () => void = () => undefined;

  constructor(private readonly nats: NatsRpcClient) {}

  /** A write this gateway made: remembered, and announced to every gateway. */
  record(companyId: string, position: LogPositionText | null, context: RequestContext): void {
    if (position === null) return;
    this.remember(companyId, position);
    void this.nats.publish(CompanyUserWriteNotice.subject, { companyId, position }, context).catch(() => undefined);
  }

  latestFor(companyId: string): LogPositionText | undefined {
    return this.latest.get(companyId);
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.listen(CompanyUserWriteNotice, (notice) => this.remember(notice.companyId, notice.position));
  }

  onApplicationShutdown(): void {
    this.stopListening();
  }

  private remember(companyId: string, position: LogPositionText): void {
    const known = this.latest.get(companyId);
    if (!known || compareLogPositions(parseLogPosition(position), parseLogPosition(known)) > 0) this.latest.set(companyId, position);
  }
}
