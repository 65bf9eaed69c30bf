import { z } from "zod";
import { isCalendarDate } from "./calendar-date";

/** A date filter's parameter; the message is the catalog key forms show ("date" under the feature's errors). */
export const calendarDateSchema = z.string().trim().refine(isCalendarDate, "date");
