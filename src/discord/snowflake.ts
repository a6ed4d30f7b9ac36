/** A Discord id (user, role, guild, message, …). */
export const SNOWFLAKE = /^\d{17,20}$/;
