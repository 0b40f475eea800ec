package io.simca.ca.config;

import java.time.Duration;
import java.util.List;

/** The device certificate profile knobs (DESIGN.md, Certificate profile). */
public record ProfileConfig(Duration validity, Duration backdate, List<String> allowedKeys) {}
