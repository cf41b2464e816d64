import { z } from 'zod';
import { areaGeometrySchema } from '../geo/geometry.ts';

/** The shapes of the files under seed/ (see seed/README.md). */
const code = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a code is lowercase latin letters, digits, "_" or "-"');
const text = z.string().trim().min(1, 'must not be empty');

export const districtFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code, name: text, approximate: z.boolean().default(false) }),
  geometry: areaGeometrySchema,
});

export const districtsFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(districtFeatureSchema).min(1, 'list at least one district'),
});

export const officeSchema = z
  .object({
    code,
    name: text,
    kind: z.enum(['city', 'district', 'dispatcher']),
    districtCode: code.optional(),
  })
  .refine((office) => (office.kind === 'district') === (office.districtCode !== undefined), {
    message: 'a district office names its districtCode, and only a district office does',
    path: ['districtCode'],
  });

export const categorySchema = z.object({
  code,
  name: text,
  description: text,
  sortOrder: z.number().int(),
  deadlineDays: z.number().int().min(1).max(365).default(8),
  urgent: z.boolean().default(false),
});

export const categoryRouteSchema = z.object({
  category: code,
  district: code.nullable(),
  office: code,
});

export const officesFileSchema = z.array(officeSchema);
export const categoriesFileSchema = z.array(categorySchema).min(1, 'list at least one category');
export const categoryRoutesFileSchema = z.array(categoryRouteSchema);

export type DistrictSeed = {
  code: string;
  name: string;
  approximate: boolean;
  boundary: z.infer<typeof areaGeometrySchema>;
};
export type OfficeSeed = z.infer<typeof officeSchema>;
export type CategorySeed = z.infer<typeof categorySchema>;
export type CategoryRouteSeed = z.infer<typeof categoryRouteSchema>;

/** Everything seed/ holds, validated and cross-checked. */
export interface SeedData {
  districts: DistrictSeed[];
  offices: OfficeSeed[];
  categories: CategorySeed[];
  routes: CategoryRouteSeed[];
}
