package cn.sunshine.platform.config;

import java.util.List;

/** A service's own Mongo converters (e.g. sealing personal data), added to the platform's. */
@FunctionalInterface
public interface MongoConverters {

    List<?> converters();
}
