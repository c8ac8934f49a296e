DROP TABLE reference_counters;
