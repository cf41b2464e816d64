import type { GeoPoint } from '../../core/conversation/types.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import { createReport } from '../../core/reports/reports.ts';
import { recordConsent } from '../../core/residents/residents.ts';

export interface NewServiceRequest {
  categoryCode: string;
  description: string;
  point?: GeoPoint;
  districtId?: number;
  address?: string;
}

/**
 * Files a request from an Open311 client as a report, routed like any other. Reports need a
 * resident: each client (API token) is one, `open311:<tokenId>` on the console channel. The
 * client consents on behalf of its own users when it files, since we never learn who they are.
 */
export async function fileServiceRequest(
  prisma: PrismaClient,
  tokenId: number,
  request: NewServiceRequest,
  now: Date,
): Promise<{ number: number }> {
  const account = `open311:${tokenId}`;
  return prisma.$transaction(async (db) => {
    const resident = await recordConsent(
      db,
      { channel: 'console', platformUserId: account, chatId: account },
      now,
    );
    return createReport(db, {
      residentId: resident.id,
      channel: 'console',
      categoryCode: request.categoryCode,
      description: request.description,
      ...(request.point ? { point: request.point } : {}),
      ...(request.districtId !== undefined ? { districtId: request.districtId } : {}),
      ...(request.address ? { address: request.address } : {}),
      // LIMITATION: media_url is not kept: copying a photo from a client's server would fetch
      // any address it names. A vetted fetch (an allow-list of hosts) would let us store it.
      photos: [],
    });
  });
}
