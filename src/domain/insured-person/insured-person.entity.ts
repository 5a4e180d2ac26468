import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../graphql/scalars';
import { Sex } from './insured-person.enums';

/**
 * 参保人员: an insured person (rules.md §2). The resident ID number is personal information (PIPL art. 28): it is
 * stored encrypted (`idNumberEnc`, AES-256-GCM under the key `idNumberKeyId`), found through a keyed hash
 * (`idNumberHash`, unique), and kept masked (`idNumberMasked`) for the roles that may not see it whole. The GraphQL
 * field `idNumber` is resolved by `InsuredPersonResolver`, which logs every full read.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    '参保人员: an insured person, identified by the resident ID number (GB 11643; rules.md §2).',
})
@Entity({ name: 'insured_person' })
export class InsuredPerson {
  @Field(() => ID, { description: '标识: opaque id.' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'bytea' })
  idNumberHash!: Buffer;

  @Column({ type: 'bytea' })
  idNumberEnc!: Buffer;

  @Column({ type: 'text' })
  idNumberKeyId!: string;

  @Column({ type: 'text' })
  idNumberMasked!: string;

  @Field(() => String, { description: '姓名: the person’s name.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Sex, { description: '性别: derived from the ID number.' })
  @Column({ type: 'text' })
  sex!: Sex;

  @Field(() => DateScalar, { description: '出生日期: derived from the ID number.' })
  @Column({ type: 'date' })
  birthDate!: string;

  @Field(() => String, {
    description:
      '参保地区划: six-digit region code where the person is insured (decides who may see them).',
  })
  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
