"""Every English and Chinese word, phrase and date form the product writes, in one place:
date forms (`dates`), reason codes rendered (`reasons`), labels of feeds and briefings."""
