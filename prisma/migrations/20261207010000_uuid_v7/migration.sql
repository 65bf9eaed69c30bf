-- The app's one id scheme, UUIDv7 (RFC 9562 §5.7), for the rows PostgreSQL makes itself: a
-- statement that inserts one row per row it reads (a webhook event, one delivery per subscribed
-- endpoint, lib/db/sql/webhooks.ts) cannot take its ids as parameters. Prisma's
-- `@default(uuid(7))` and lib/uuidv7.ts make the same kind of id for every other row.
--
-- 48 bits of Unix time in milliseconds (clock_timestamp(): each call's own time, not the
-- transaction's), then the version (7), 74 random bits and the variant (10). It starts from
-- gen_random_uuid() (version 4, random but for the same variant): the first 6 bytes are replaced
-- by the time, and setting bits 52 and 53 turns the version nibble 0100 into 0111. Ids of the
-- same millisecond are in no particular order among themselves (RFC 9562 allows it).
-- PostgreSQL 18 has uuidv7() built in; this works on 14 and later. VOLATILE: a new id per row.
CREATE FUNCTION "uuid_v7"()
RETURNS uuid
LANGUAGE sql VOLATILE AS $function$
  SELECT encode(
    set_bit(
      set_bit(
        overlay(uuid_send(gen_random_uuid())
                placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                from 1 for 6),
        52, 1),
      53, 1),
    'hex')::uuid
$function$;
