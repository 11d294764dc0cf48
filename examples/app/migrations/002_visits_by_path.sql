-- Counting visits per page reads by path, newest first.
CREATE INDEX visits_path_visited_at ON visits (path, visited_at DESC);
