-- The visits the app records: one row per page view.
CREATE TABLE visits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  path text NOT NULL,
  visited_at timestamptz NOT NULL DEFAULT now()
);
