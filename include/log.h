/*
 * log: the level filter on stderr.  Every line the program writes to
 * stderr while serving is a key=value line; a line starting "level=X" has
 * level X, any other line (the per-request line) is "info".  Lines above
 * the configured level are dropped whole.
 */
#ifndef INSATS_LOG_H
#define INSATS_LOG_H

/* Levels, as config.log_level: 0 error, 1 warn, 2 info, 3 debug. */
#define LOG_ERROR	0
#define LOG_WARN	1
#define LOG_INFO	2
#define LOG_DEBUG	3

/*
 * Replaces stderr with a line-buffered stream that passes to descriptor 2
 * only the lines at or below level.  Returns 0, or -1 (stderr unchanged).
 */
int	 log_filter_stderr(int level);
/* The level of one log line (see above). */
int	 log_line_level(const char *line, size_t len);

#endif
