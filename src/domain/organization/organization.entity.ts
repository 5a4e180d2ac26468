import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind } from './organization-kind.enum';

/** 机构: a party to agreements — an agency, an insurer or a designated medical institution (rules.md §1). */
@ObjectType({
  simpleResolvers: true,
  description:
    '机构: a party to agreements — an agency, an insurer or a medical institution (rules.md §1).',
})
@Entity({ name: 'organization' })
export class Organization {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, {
    description: "机构代码: the organization's own code, unique (e.g. a 医保定点编码).",
  })
  @Column({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, {
    description: '机构名称: the full name, e.g. 中国人寿保险股份有限公司洛阳分公司.',
  })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => OrganizationKind, {
    description: '机构类别: agency, insurer or medical institution.',
  })
  @Column({ type: 'text' })
  kind!: OrganizationKind;

  @Field(() => String, {
    description: '行政区划代码: the six-digit administrative division code, e.g. 410300 Luoyang.',
  })
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Field(() => Boolean, {
    description:
      '公立医疗机构: a public medical institution, which may not ask to suspend or end its agreement (Suining art. 78: "公立医疗机构不得主动提出中止或解除医保协议"); false for other organizations.',
  })
  @Column({ type: 'boolean', default: false })
  publicInstitution!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
