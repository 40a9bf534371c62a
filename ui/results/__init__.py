"""The results page: recommendation, options side by side, charts, what-if, assumptions."""
