package io.stride.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CocoClassesTest {

    @Test
    void namesFollowTheDetectorsContiguousClassIds() {
        assertThat(CocoClasses.count()).isEqualTo(80);
        assertThat(CocoClasses.name(CocoClasses.PERSON)).isEqualTo("person");
        assertThat(CocoClasses.name(2)).isEqualTo("car");
        assertThat(CocoClasses.name(9)).isEqualTo("traffic light");
        assertThat(CocoClasses.name(39)).isEqualTo("bottle");
        assertThat(CocoClasses.name(79)).isEqualTo("toothbrush");
    }

    @Test
    void idsOutsideCocoAreNamedByNumber() {
        assertThat(CocoClasses.name(80)).isEqualTo("class 80");
        assertThat(CocoClasses.name(-1)).isEqualTo("class -1");
    }
}
