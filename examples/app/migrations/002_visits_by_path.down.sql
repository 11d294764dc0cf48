DROP INDEX visits_path_visited_at;
