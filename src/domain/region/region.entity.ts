import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegionNode } from './rules/region-table';
import { RegionLevel } from './region-level.enum';

/**
 * 行政区划: one administrative division of the reference table (rules.md §11), loaded by migration from a snapshot of
 * the statistical code list; read-only at run time. `parent` is resolved by `RegionResolver` from the in-memory table.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '行政区划: an administrative division (GB/T 2260 code, name, level, parent), from the reference table loaded by migration (rules.md §11).',
})
@Entity({ name: 'region' })
export class Region implements RegionNode {
  @Field(() => String, {
    description:
      '行政区划代码: the six-digit code, e.g. 410000 河南省, 410300 洛阳市, 410302 老城区.',
  })
  @PrimaryColumn({ type: 'char', length: 6 })
  code!: string;

  @Field(() => String, { description: '名称: the official name, e.g. 洛阳市.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => RegionLevel, { description: '级别: province, city or county.' })
  @Column({ type: 'text' })
  level!: RegionLevel;

  /** The parent's code: null for a province (rules.md §11). */
  @Column({ type: 'char', length: 6, nullable: true })
  parentCode!: string | null;
}
