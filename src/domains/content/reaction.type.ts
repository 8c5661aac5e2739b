import { Field, Int, ObjectType } from 'type-graphql';

/** Reaction counts per slot: the first configured emoji is s1 (the social API's like), s2 is wonder/dislike. */
@ObjectType({ description: "How many reactions a post, comment or reply has in each of the six slots: s1 is the first configured emoji (the social API's like), s2 wonder/dislike." })
export class ReactionCounts {
  @Field(() => Int) s1!: number;
  @Field(() => Int) s2!: number;
  @Field(() => Int) s3!: number;
  @Field(() => Int) s4!: number;
  @Field(() => Int) s5!: number;
  @Field(() => Int) s6!: number;
}

type SlotRow = { react_s1: number; react_s2: number; react_s3: number; react_s4: number; react_s5: number; react_s6: number };

export function reactionCounts(row: SlotRow): ReactionCounts {
  return { s1: row.react_s1, s2: row.react_s2, s3: row.react_s3, s4: row.react_s4, s5: row.react_s5, s6: row.react_s6 };
}
