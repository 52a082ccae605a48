package cn.sunshine.placement.spotcheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The draw's rules without Spring: size, reproducibility, independence from storage order, spread. */
class SamplerTest {

    private static final List<String> HUNDRED = IntStream.rangeClosed(1, 100).mapToObj(i -> String.format("p-%03d", i)).toList();

    @Test
    void fivePercentRoundedUpAtLeastOnePerBaseAtMostThePopulation() {
        SpotCheckProperties five = new SpotCheckProperties(500, 1, null, null);
        assertThat(five.sampleSize(100)).isEqualTo(5);
        assertThat(five.sampleSize(101)).isEqualTo(6);
        assertThat(five.sampleSize(40)).isEqualTo(2);
        assertThat(five.sampleSize(20)).isEqualTo(1);
        assertThat(five.sampleSize(3)).isEqualTo(1);
        assertThat(new SpotCheckProperties(1000, 3, null, null).sampleSize(2)).isEqualTo(2);
        assertThat(new SpotCheckProperties(1000, 3, null, null).sampleSize(100)).isEqualTo(10);
        assertThatThrownBy(() -> new SpotCheckProperties(499, 1, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpotCheckProperties(500, 0, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSeedDrawsTheSameSampleWhateverTheOrderThePopulationIsReadIn() {
        List<String> shuffled = new ArrayList<>(HUNDRED);
        Collections.shuffle(shuffled, new java.util.Random(99));
        List<String> a = Sampler.draw(HUNDRED, 5, 20261015L);
        assertThat(a).hasSize(5).doesNotHaveDuplicates().isSubsetOf(HUNDRED);
        assertThat(Sampler.draw(shuffled, 5, 20261015L)).containsExactlyElementsOf(a);
        assertThat(Sampler.draw(HUNDRED, 5, 20261016L)).isNotEqualTo(a);
    }

    @Test
    void overManySeedsEveryPlacementCanBeDrawn() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 400; seed++) {
            seen.addAll(Sampler.draw(HUNDRED, 5, seed));
        }
        assertThat(seen).hasSize(100);
        assertThat(Sampler.draw(HUNDRED, 500, 1L)).hasSize(100).doesNotHaveDuplicates();
    }
}
