import { Kind, type GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type PageInfoValue,
  type PageRequest,
} from '../shared/paging';

/*
 * The GraphQL side of paging (src/shared/paging.ts): the page arguments every list takes, PageInfo, and the connection
 * and edge types of a node type. Connections carry `nodes` (the contract's) and `edges { cursor node }` beside them,
 * with `pageInfo.startCursor`/`hasPreviousPage` and `last`/`before`: what Apollo Client's `relayStylePagination` reads.
 */

@ObjectType({
  simpleResolvers: true,
  description:
    '分页信息: where a page of a connection starts and ends, and whether more items lie beyond it.',
})
export class PageInfo implements PageInfoValue {
  @Field(() => Boolean, {
    description:
      '是否有下一页: paging forwards (first), whether more items follow this page; paging backwards (last), false (not computed, as the Relay connection spec allows).',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      '是否有上一页: paging backwards (last), whether more items precede this page; paging forwards (first), false (not computed, as the Relay connection spec allows).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      '首项游标: opaque cursor of the first item; pass it as `before` (with `last`) for the page before this one. Null for an empty page.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '末项游标: opaque cursor of the last item; pass it as `after` for the next page. Null for an empty page.',
  })
  endCursor!: string | null;
}

/** The page arguments of every list: Relay's `first`/`after` forwards and `last`/`before` backwards. */
@ArgsType()
export class PageArgs implements PageRequest {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `每页条数: page size from the start (or from after), 0 to ${MAX_PAGE_SIZE}; the default applies unless last is given. Not together with last.`,
  })
  first!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '游标: the endCursor of the previous page; the page starts after this item.',
  })
  after!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `末尾条数: page size from the end (or from before), 0 to ${MAX_PAGE_SIZE}, to page backwards; the page lists its items in the list's order. Not together with an explicit first.`,
  })
  last!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '前向游标: the startCursor of the following page; the page ends before this item.',
  })
  before!: string | null;
}

/**
 * The page request of a list's arguments. `first` has the contract's default (20), which graphql-js fills in when the
 * query leaves it out: with `last` given, a `first` the query did not write itself is that default and is dropped,
 * while a `first` it wrote (inline, or a variable it sent) meets `last` and is refused (src/shared/paging.ts).
 */
export const pageRequestOf = (args: PageArgs, info: GraphQLResolveInfo): PageRequest => {
  if (args.last == null) {
    return args;
  }
  const written = info.fieldNodes.some((node) =>
    node.arguments?.some(
      (a) =>
        a.name.value === 'first' &&
        (a.value.kind !== Kind.VARIABLE ||
          Object.prototype.hasOwnProperty.call(info.variableValues, a.value.name.value)),
    ),
  );
  return written ? args : { ...args, first: null };
};

/** What a connection's texts say: its type's Chinese name and meaning, and what its items are. */
export interface ConnectionTexts {
  /** The connection's type description, e.g. '理赔分页: a page of claims, latest discharge first.' */
  readonly connection: string;
  /** `nodes`: '本页理赔: the claims of this page.' */
  readonly nodes: string;
  /** `totalCount`: '总数: claims you may see matching the filter, all pages.' */
  readonly totalCount: string;
  /** The edge type: '理赔分页项: a claim of a page with its cursor.' */
  readonly edge: string;
}

/**
 * The connection type `<name>Connection` of `Node` (with its edge type `<name>Edge`), as a class whose instances are
 * `Page`s: `nodes`, `edges`, `pageInfo`, `totalCount` (read as plain properties; `edges` and `totalCount` are made
 * when selected, src/shared/paging.ts). Call once per name.
 */
export const connectionType = <T extends object>(
  name: string,
  Node: ClassType<T>,
  texts: ConnectionTexts,
): ClassType<Page<T>> => {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: texts.edge })
  class Edge {
    @Field(() => String, {
      description:
        '游标: opaque cursor of this item; pass it as `after` (or `before`) to page from here.',
    })
    cursor!: string;

    @Field(() => Node, { description: '节点: the item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: texts.connection })
  class Connection {
    @Field(() => [Node], { description: texts.nodes })
    nodes!: T[];

    @Field(() => [Edge], {
      description:
        '边: the items of this page with their cursors, in the same order as nodes (Relay; what Apollo Client’s relayStylePagination reads).',
    })
    edges!: () => Edge[];

    @Field(() => PageInfo, { description: '分页信息: where this page starts and ends.' })
    pageInfo!: PageInfo;

    /** Counted only when asked for: graphql-js's default resolver calls a function-valued property. */
    @Field(() => Int, { description: texts.totalCount })
    totalCount!: () => Promise<number>;
  }
  return Connection;
};
