-- The access check plans its statement once per connection (issue 27, measured). api_access_check's
-- RETURN QUERY depends on whether a virtual account is asked about; with none, PostgreSQL's custom
-- plan prunes the effective-role branch and so always looks cheaper than the generic one, and the
-- plan cache re-planned the whole statement on every call: 1.5 ms a check instead of 0.35 ms (bench
-- F6 fell from 0.79 to 0.51 of the trivial handler). Every branch of the generic plan is gated by a
-- one-time filter on the parameters, so it costs no more to run than the custom one.
ALTER FUNCTION "api_access_check"(text, text, text, text, timestamp(3), timestamp(3))
  SET plan_cache_mode = force_generic_plan;
